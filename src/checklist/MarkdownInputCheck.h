#pragma once

#include "src/common/Error.h"

#include <QByteArray>

namespace golive {

// Refuses bytes that are not text before any Markdown is looked at: a NUL byte (a binary file)
// or invalid UTF-8, each named with its line.
class MarkdownInputCheck {
public:
    static Status check(const QByteArray &input);
};

} // namespace golive
