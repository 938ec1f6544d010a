/* SPDX-License-Identifier: BSD-2-Clause */
/* ASCII character classes; the kernel has no locales, so bytes >= 0x80 are in no class. */
#ifndef MINIOS_CTYPE_H
#define MINIOS_CTYPE_H

/*
 * Like the C library these take an int holding an unsigned char value or EOF (-1); anything
 * outside 0..127 is simply not in any class, so passing a plain (possibly negative) char is
 * harmless rather than undefined.
 */

static inline int isdigit(int c)
{
    return c >= '0' && c <= '9';
}

static inline int isupper(int c)
{
    return c >= 'A' && c <= 'Z';
}

static inline int islower(int c)
{
    return c >= 'a' && c <= 'z';
}

static inline int isalpha(int c)
{
    return isupper(c) || islower(c);
}

static inline int isalnum(int c)
{
    return isalpha(c) || isdigit(c);
}

static inline int isxdigit(int c)
{
    return isdigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Space, \t, \n, \v, \f and \r. */
static inline int isspace(int c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

static inline int iscntrl(int c)
{
    return (c >= 0 && c < 0x20) || c == 0x7f;
}

static inline int isprint(int c)
{
    return c >= 0x20 && c < 0x7f;
}

/* Printable and not a space. */
static inline int isgraph(int c)
{
    return c > 0x20 && c < 0x7f;
}

static inline int ispunct(int c)
{
    return isgraph(c) && !isalnum(c);
}

static inline int toupper(int c)
{
    return islower(c) ? c - 'a' + 'A' : c;
}

static inline int tolower(int c)
{
    return isupper(c) ? c - 'A' + 'a' : c;
}

#endif
