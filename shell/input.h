/*
 * input.h - sources of shell input, read a line at a time.
 *
 * XCU 2.1 and the sh utility's INPUT FILES: when the shell reads commands
 * from standard input it must not consume input past the command it is
 * about to run, so that `read` or a child sees the following lines.  An fd
 * source therefore reads in blocks only when it can seek back afterwards
 * (input_sync() returns the unused bytes with lseek), and reads a byte at a
 * time from pipes and terminals.
 */
#ifndef HERSH_INPUT_H
#define HERSH_INPUT_H

#include <stdbool.h>
#include <stddef.h>

struct buf;
struct shell;
struct input;

/* Reads from a copy of the string s (len bytes). */
struct input *input_new_string(const char *s, size_t len);
/*
 * Reads from fd.  With owned, the fd is closed by input_free().  Script
 * files are moved to a high, close-on-exec fd by the caller.
 */
struct input *input_new_fd(int fd, bool owned);
/* The interactive line editor (edit.c); prompts with PS1 / PS2. */
struct input *input_new_editor(struct shell *sh);
void input_free(struct input *in);
/* An interactive shell reading a non-terminal (sh -i < file): write PS1
 * (PS2 for continuation lines) to stderr before each line, as dash does. */
void input_set_prompts(struct input *in, struct shell *sh);

/*
 * Appends the next line, with its '\n' (missing on a last line without
 * one), to line.  continuation is true when the parser needs more of a
 * command that has started (the editor shows PS2).  Returns 1 for a line,
 * 0 at end of input, -1 on a read error (message printed), and
 * INPUT_INTERRUPTED when the user pressed Ctrl-C at the editor: the parser
 * then drops the command it has read so far, prints nothing, and returns
 * PARSE_ERROR (the shell shows a fresh prompt).
 */
#define INPUT_INTERRUPTED (-2)
int input_read_line(struct input *in, struct buf *line, bool continuation);

/* Gives back read-ahead bytes (seekable fds) so that children and `read`
 * see the input right after the last line returned. */
void input_sync(struct input *in);

/* Has a string source handed out all its bytes?  (Lets `-c` exec its
 * last command without forking.)  False for other sources. */
bool input_at_end(const struct input *in);

/*
 * The text of the lines handed out since the last input_transcript_reset()
 * (editor sources only; "" for others): the command as the user typed it,
 * for history-like records.  Valid until the next read or reset.
 */
const char *input_transcript(const struct input *in);
void input_transcript_reset(struct input *in);

/* Is this the interactive editor? */
bool input_is_interactive(const struct input *in);

#endif
