#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>

// Ten-megabyte Markdown inputs built to make a careless parser go quadratic or recurse deeply.
// Header-only: the parser's unit test checks what each one parses to, the parser benchmark
// (tests/bench/ChecklistParserBench.cpp) how long it takes next to an ordinary checklist.
namespace golive::test {

constexpr qsizetype kTenMegabytes = 10 * 1024 * 1024;

inline QByteArray repeatedTo(const QByteArray &unit, qsizetype size)
{
    QByteArray out;
    out.reserve(size + unit.size());
    while (out.size() < size)
        out.append(unit);
    return out;
}

struct HostileMarkdown {
    const char *name;
    std::function<QByteArray()> input;
    QString expectedErrorKind; // empty: the input is a (strange) valid checklist
};

inline QList<HostileMarkdown> hostileMarkdownCases()
{
    return {
        {"ever deeper nested list markers",
         [] {
             QByteArray out;
             for (int i = 0; out.size() < kTenMegabytes; ++i)
                 out += QByteArray(2 * i, ' ') + "- [ ] x\n";
             return out;
         },
         QStringLiteral("too-deep")},
        {"nested markers on one line",
         [] { return "- [ ] item\n" + repeatedTo("- ", kTenMegabytes); }, QString()},
        {"a million sibling items",
         [] { return "- [ ] top\n" + repeatedTo("  - [ ] same text\n", kTenMegabytes); },
         QStringLiteral("too-many-items")},
        {"one giant item",
         [] { return "- [ ] " + repeatedTo("[x] <!-- ", kTenMegabytes) + "-->\n"; }, QString()},
        {"endless markers", [] { return "- [ ] x " + repeatedTo("<!-- golive: ", kTenMegabytes); },
         QString()},
        {"endless continuation",
         [] { return "- [ ] x\n" + repeatedTo("more words\n", kTenMegabytes); }, QString()},
        {"unknown boxes", [] { return "- [ ] x\n" + repeatedTo("- [?] y\n", kTenMegabytes); },
         QString()},
        {"paragraphs", [] { return "- [ ] x\n" + repeatedTo("p\n\n", kTenMegabytes); },
         QStringLiteral("too-many-blocks")},
        {"headings", [] { return "- [ ] x\n" + repeatedTo("#\n", kTenMegabytes); },
         QStringLiteral("too-many-sections")},
        {"an unclosed fence",
         [] { return "- [ ] x\n```\n" + repeatedTo("- [ ] y\n", kTenMegabytes); }, QString()},
        {"carriage returns only", [] { return "- [ ] x" + repeatedTo("\r", kTenMegabytes); },
         QString()},
        {"ten megabytes of brackets", [] { return QByteArray(kTenMegabytes, '['); },
         QStringLiteral("no-items")},
    };
}

} // namespace golive::test
