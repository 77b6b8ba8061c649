/*
 * load.h
 *		giar load: files and folders into a database.
 */
#ifndef GIAR_CLI_LOAD_H
#define GIAR_CLI_LOAD_H

/* giar load's arguments after the command word; returns the exit status */
extern int	giar_command_load(int argc, char **argv);

#endif							/* GIAR_CLI_LOAD_H */
