#pragma once

#include <QString>

#include <ostream>

// Lets GoogleTest print a QString as text in failure messages instead of as raw bytes. Include it
// in every test file of an executable (config_tests, metrics_tests) so all of them print the same
// way. It would sit better in tests/support, which is outside this branch's folders.
inline void PrintTo(const QString &text, std::ostream *out)
{
    *out << '"' << text.toStdString() << '"';
}
