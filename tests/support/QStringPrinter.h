#pragma once

#include <QString>

#include <ostream>

// Lets GoogleTest print a QString that failed a comparison as text rather than as raw bytes.
// Include it in every test file of an executable so all of them print the same way.
inline void PrintTo(const QString &text, std::ostream *out)
{
    *out << '"' << text.toStdString() << '"';
}
