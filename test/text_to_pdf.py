#!/usr/bin/env python3
"""Write a text file as a PDF whose text pdftotext can extract (for the giar command's tests).

Each line of the text is a line of the PDF (pages wide enough for the longest), 50 lines a page, in a Type0 font with
Identity-H encoding and a ToUnicode map: every character gets a glyph id of its own, and
the map gives its Unicode value back.  No font program is embedded (a viewer substitutes
one); pdftotext needs only the map.  Standard library only.

Usage: python3 test/text_to_pdf.py INPUT.txt OUTPUT.pdf
"""
import sys
import zlib

LINES_PER_PAGE = 50
FONT_SIZE = 9
LEADING = 14


def pdf(text):
    lines = text.split('\n')
    chars = sorted({c for line in lines for c in line})
    cid = {c: i + 1 for i, c in enumerate(chars)}
    objects = []  # bodies; object k is objects[k-1]

    def add(body):
        objects.append(body)
        return len(objects)

    def stream(data, extra=''):
        raw = zlib.compress(data)
        return (('<< /Length %d /Filter /FlateDecode %s>>\nstream\n' % (len(raw), extra)).encode()
                + raw + b'\nendstream')

    # ToUnicode: CID -> UTF-16BE, at most 100 entries a block
    cmap = ['/CIDInit /ProcSet findresource begin', '12 dict begin', 'begincmap',
            '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
            '/CMapName /Adobe-Identity-UCS def', '/CMapType 2 def',
            '1 begincodespacerange', '<0000> <FFFF>', 'endcodespacerange']
    for k in range(0, len(chars), 100):
        block = chars[k:k + 100]
        cmap.append('%d beginbfchar' % len(block))
        for c in block:
            cmap.append('<%04X> <%s>' % (cid[c], c.encode('utf-16-be').hex().upper()))
        cmap.append('endbfchar')
    cmap += ['endcmap', 'CMapName currentdict /CMap defineresource pop', 'end', 'end']
    to_unicode = add(stream('\n'.join(cmap).encode()))
    descriptor = add(b'<< /Type /FontDescriptor /FontName /GiarSubstitute /Flags 4 '
                     b'/FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 900 /Descent -200 '
                     b'/CapHeight 700 /StemV 80 >>')
    cidfont = add(('<< /Type /Font /Subtype /CIDFontType2 /BaseFont /GiarSubstitute '
                   '/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> '
                   '/FontDescriptor %d 0 R /DW 1000 /CIDToGIDMap /Identity >>' % descriptor).encode())
    font = add(('<< /Type /Font /Subtype /Type0 /BaseFont /GiarSubstitute /Encoding /Identity-H '
                '/DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>' % (cidfont, to_unicode)).encode())
    pages_id = len(objects) + 1
    add(b'')  # the page tree, written below
    page_ids = []
    for p in range(0, max(len(lines), 1), LINES_PER_PAGE):
        ops = ['BT', '/F1 %d Tf' % FONT_SIZE]
        y = 800
        for line in lines[p:p + LINES_PER_PAGE]:
            if line:
                hexs = ''.join('%04X' % cid[c] for c in line)
                ops.append('1 0 0 1 40 %d Tm <%s> Tj' % (y, hexs))
            y -= LEADING
        ops.append('ET')
        content = add(stream('\n'.join(ops).encode()))
        page_ids.append(add(('<< /Type /Page /Parent %d 0 R /MediaBox [0 0 14400 842] '
                             '/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>'
                             % (pages_id, font, content)).encode()))
    objects[pages_id - 1] = ('<< /Type /Pages /Kids [%s] /Count %d >>'
                             % (' '.join('%d 0 R' % i for i in page_ids), len(page_ids))).encode()
    catalog = add(('<< /Type /Catalog /Pages %d 0 R >>' % pages_id).encode())

    out = bytearray(b'%PDF-1.5\n%\xe2\xe3\xcf\xd3\n')
    offsets = []
    for k, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b'%d 0 obj\n' % k + body + b'\nendobj\n'
    xref = len(out)
    out += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objects) + 1)
    for off in offsets:
        out += b'%010d 00000 n \n' % off
    out += (b'trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n'
            % (len(objects) + 1, catalog, xref))
    return bytes(out)


def main():
    with open(sys.argv[1], encoding='utf-8') as f:
        text = f.read()
    with open(sys.argv[2], 'wb') as f:
        f.write(pdf(text))


if __name__ == '__main__':
    main()
