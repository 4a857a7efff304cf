#pragma once

#include <QString>

#include <ostream>

// Lets GoogleTest print a QString as text in failure messages instead of as raw bytes. Include it
// in every test file of this executable so all of them print the same way.
inline void PrintTo(const QString &text, std::ostream *out)
{
    *out << '"' << text.toStdString() << '"';
}
