/* SPDX-License-Identifier: BSD-2-Clause */
/* The daytime line (RFC 867's suggested form): "Weekday, Month Day, Year HH:MM:SS-UTC". */
#include <fmt.h>
#include <net.h>

static const char *const weekdays[] = {"Thursday", "Friday",  "Saturday", "Sunday",
                                       "Monday",   "Tuesday", "Wednesday"};
static const char *const months[] = {"January",   "February", "March",    "April",
                                     "May",       "June",     "July",     "August",
                                     "September", "October",  "November", "December"};

/* Days since 1970-01-01 to a civil date, proleptic Gregorian (400-year eras of 146097 days). */
static void civil_from_days(int64_t z, int64_t *y, unsigned int *m, unsigned int *d)
{
    int64_t era, yoe, doy, mp;

    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    yoe = z - era * 146097;
    yoe = (yoe - yoe / 1460 + yoe / 36524 - yoe / 146096) / 365;
    doy = z - era * 146097 - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = (unsigned int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (unsigned int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

size_t daytime_format(int64_t secs, char *buf, size_t size)
{
    int64_t days = (secs >= 0 ? secs : secs - 86399) / 86400, rem = secs - days * 86400, year;
    unsigned int month, day;
    int n;

    civil_from_days(days, &year, &month, &day);
    n = snprintf(buf, size, "%s, %s %u, %lld %02u:%02u:%02u-UTC\r\n",
                 weekdays[((days % 7) + 7) % 7], months[month - 1], day, (long long)year,
                 (unsigned int)(rem / 3600), (unsigned int)(rem / 60 % 60),
                 (unsigned int)(rem % 60));
    return n < 0 ? 0 : (size_t)n < size ? (size_t)n : size ? size - 1 : 0;
}
