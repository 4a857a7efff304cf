#include "src/checklist/MarkdownInputCheck.h"

#include <algorithm>

namespace golive {

namespace {

int lineOf(const QByteArray &input, qsizetype offset)
{
    return 1 + int(std::count(input.constBegin(), input.constBegin() + offset, '\n'));
}

// The length of the UTF-8 sequence starting at i, or 0 if it is not valid (overlong forms,
// surrogates and code points above U+10FFFF included).
qsizetype validSequenceLength(const unsigned char *bytes, qsizetype size, qsizetype i)
{
    const unsigned char lead = bytes[i];
    if (lead < 0x80)
        return 1;
    qsizetype extra = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        extra = 1;
    } else if (lead == 0xE0) {
        extra = 2;
        low = 0xA0;
    } else if ((lead >= 0xE1 && lead <= 0xEC) || lead == 0xEE || lead == 0xEF) {
        extra = 2;
    } else if (lead == 0xED) {
        extra = 2;
        high = 0x9F;
    } else if (lead == 0xF0) {
        extra = 3;
        low = 0x90;
    } else if (lead >= 0xF1 && lead <= 0xF3) {
        extra = 3;
    } else if (lead == 0xF4) {
        extra = 3;
        high = 0x8F;
    } else {
        return 0;
    }
    if (i + extra >= size)
        return 0;
    for (qsizetype k = 1; k <= extra; ++k) {
        const unsigned char next = bytes[i + k];
        const unsigned char min = k == 1 ? low : 0x80;
        const unsigned char max = k == 1 ? high : 0xBF;
        if (next < min || next > max)
            return 0;
    }
    return 1 + extra;
}

} // namespace

Status MarkdownInputCheck::check(const QByteArray &input)
{
    const qsizetype nul = input.indexOf('\0');
    if (nul >= 0)
        return Error{QStringLiteral("binary"),
                     QStringLiteral("Line %1 contains a NUL byte: this is a binary file, not a "
                                    "Markdown checklist.")
                         .arg(lineOf(input, nul))};

    const auto *bytes = reinterpret_cast<const unsigned char *>(input.constData());
    const qsizetype size = input.size();
    int line = 1;
    for (qsizetype i = 0; i < size;) {
        if (bytes[i] == '\n')
            ++line;
        const qsizetype length = validSequenceLength(bytes, size, i);
        if (length == 0)
            return Error{QStringLiteral("encoding"),
                         QStringLiteral("Line %1 is not valid UTF-8 (byte 0x%2); save the "
                                        "checklist as UTF-8.")
                             .arg(line)
                             .arg(uint(bytes[i]), 2, 16, QLatin1Char('0'))};
        i += length;
    }
    return std::nullopt;
}

} // namespace golive
