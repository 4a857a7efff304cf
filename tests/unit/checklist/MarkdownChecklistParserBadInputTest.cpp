#include "ChecklistTestSupport.h"
#include "HostileMarkdown.h"

#include "src/checklist/ChecklistParseRun.h"
#include "src/common/AtomicFile.h"

#include <QTemporaryDir>

using namespace golive;
using namespace golive::test;

namespace {

bool hasWarningFor(const ChecklistDocument &document, int line, const char *fragment)
{
    const QString prefix = QStringLiteral("Line %1:").arg(line);
    for (const QString &warning : document.warnings) {
        if (warning.startsWith(prefix) && warning.contains(QLatin1String(fragment)))
            return true;
    }
    return false;
}

} // namespace

TEST(MarkdownChecklistParserBadInput, RefusesADocumentWithoutTaskItems)
{
    for (const QByteArray &input :
         {QByteArray(), QByteArray("# Only a title\n\nSome prose.\n- a plain bullet\n"),
          QByteArray("```\n- [ ] only inside a fence\n```\n")}) {
        const Error error = parseError(input);
        EXPECT_EQ(error.kind, QStringLiteral("no-items"));
        EXPECT_TRUE(error.message.contains(QStringLiteral("contains no task-list items")))
            << error.message.toStdString();
    }
}

TEST(MarkdownChecklistParserBadInput, RefusesAFileOverTheCapWithoutParsingIt)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("huge.md"));
    const QByteArray content =
        repeatedTo("- [ ] item\n", MarkdownChecklistParser::kMaxFileBytes + 1);
    ASSERT_TRUE((writeFileAtomically(path, content)).ok());

    const auto result = MarkdownChecklistParser::parseFile(path);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().kind, QStringLiteral("too-large"));
    EXPECT_TRUE(result.error().message.contains(QString::number(content.size())))
        << result.error().message.toStdString();
    EXPECT_TRUE(
        result.error().message.contains(QString::number(MarkdownChecklistParser::kMaxFileBytes)))
        << result.error().message.toStdString();
}

// Checklists also arrive as bytes (a new release, a release folder's copy): the same 2 MiB.
TEST(MarkdownChecklistParserBadInput, RefusesThreeMebibytesOfChecklistHoweverTheyArrive)
{
    const QByteArray content = repeatedTo("- [ ] item\n", 3 * 1024 * 1024);
    const auto result = MarkdownChecklistParser::parse(content);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().kind, QStringLiteral("too-large"));
    EXPECT_EQ(result.error().message,
              QStringLiteral("The checklist is %1 bytes (3.0 MiB); checklists may be at most "
                             "2097152 bytes (2 MiB).")
                  .arg(content.size()));
}

TEST(MarkdownChecklistParserBadInput, ReadsAFileJustUnderTheCap)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("big.md"));
    QByteArray content = "- [ ] the only item\n\n";
    content += repeatedTo("prose ", MarkdownChecklistParser::kMaxFileBytes - content.size() - 10);
    ASSERT_TRUE((writeFileAtomically(path, content)).ok());
    const auto result = MarkdownChecklistParser::parseFile(path);
    ASSERT_TRUE(result.ok()) << result.error().message.toStdString();
    EXPECT_EQ(result.value().itemCount(), 1);
}

TEST(MarkdownChecklistParserBadInput, NamesMissingFilesAndFolders)
{
    QTemporaryDir dir;
    const QString missing = dir.filePath(QStringLiteral("missing.md"));
    const auto absent = MarkdownChecklistParser::parseFile(missing);
    ASSERT_FALSE(absent.ok());
    EXPECT_TRUE(absent.error().message.contains(missing));

    const auto folder = MarkdownChecklistParser::parseFile(dir.path());
    ASSERT_FALSE(folder.ok());
    EXPECT_TRUE(folder.error().message.contains(QStringLiteral("not a regular file")));
}

TEST(MarkdownChecklistParserBadInput, PrefixesParseErrorsWithTheFilePath)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("prose.md"));
    ASSERT_TRUE((writeFileAtomically(path, "Just prose.\n")).ok());
    const auto result = MarkdownChecklistParser::parseFile(path);
    ASSERT_FALSE(result.ok());
    EXPECT_TRUE(result.error().message.startsWith(path));
}

TEST(MarkdownChecklistParserBadInput, RefusesBinaryJunk)
{
    QByteArray junk = "- [ ] looks fine\n- [ ] second line\n";
    for (int i = 0; i < 4096; ++i) {
        const char byte = char((i * 73 + 11) % 256);
        junk.append(byte == '\n' ? '\x01' : byte); // keep the junk on line 3
    }
    const Error error = parseError(junk);
    EXPECT_EQ(error.kind, QStringLiteral("binary"));
    EXPECT_TRUE(error.message.contains(QStringLiteral("NUL"))) << error.message.toStdString();
    EXPECT_TRUE(error.message.contains(QStringLiteral("Line 3"))) << error.message.toStdString();
}

TEST(MarkdownChecklistParserBadInput, RefusesInvalidUtf8NamingTheLine)
{
    const Error error = parseError("- [ ] fine\n- [ ] caf\xE9 in Latin-1\n");
    EXPECT_EQ(error.kind, QStringLiteral("encoding"));
    EXPECT_TRUE(error.message.contains(QStringLiteral("Line 2"))) << error.message.toStdString();
    EXPECT_TRUE(error.message.contains(QStringLiteral("UTF-8")));

    // Overlong forms, surrogates and truncated sequences are invalid too.
    EXPECT_EQ(parseError("- [ ] \xC0\xAF\n").kind, QStringLiteral("encoding"));
    EXPECT_EQ(parseError("- [ ] \xED\xA0\x80\n").kind, QStringLiteral("encoding"));
    EXPECT_EQ(parseError("- [ ] \xF0\x9F\x98").kind, QStringLiteral("encoding"));
    // Real multi-byte text is fine.
    EXPECT_EQ(parseValid("- [ ] caf\xC3\xA9 \xF0\x9F\x9A\x80\n").allItems().first()->text,
              QStringLiteral("café 🚀"));
}

TEST(MarkdownChecklistParserBadInput, RefusesDuplicateExplicitIdsNamingBothLines)
{
    const Error error = parseError("- [ ] one <!-- golive: id=key -->\n"
                                   "- [ ] two\n"
                                   "- [ ] three <!-- golive: id=key -->\n");
    EXPECT_EQ(error.kind, QStringLiteral("duplicate-id"));
    EXPECT_TRUE(error.message.contains(QStringLiteral("Lines 1 and 3")))
        << error.message.toStdString();
    EXPECT_TRUE(error.message.contains(QStringLiteral("\"key\"")));
}

TEST(MarkdownChecklistParserBadInput, LetsAnExplicitIdWinOverAnEqualDerivedOne)
{
    const ChecklistDocument document =
        parseValid("- [ ] Prod key\n- [ ] other <!-- golive: id=prod-key -->\n");
    EXPECT_EQ(ids(document),
              (QStringList{QStringLiteral("prod-key--2"), QStringLiteral("prod-key")}));
}

TEST(MarkdownChecklistParserBadInput, ToleratesAnUnknownCheckboxWithAWarning)
{
    const ChecklistDocument document = parseValid("- [ ] fine\n- [?] unsure\n- [] empty\n");
    EXPECT_EQ(document.itemCount(), 1);
    EXPECT_TRUE(hasWarningFor(document, 2, "\"[?]\" is not a checkbox"))
        << document.warnings.join('\n').toStdString();
    EXPECT_TRUE(hasWarningFor(document, 3, "\"[]\" is not a checkbox"));
    EXPECT_EQ(document.sections.first().blocks.first().text,
              QStringLiteral("- [?] unsure\n- [] empty"));
}

TEST(MarkdownChecklistParserBadInput, DoesNotWarnAboutReferenceStyleBrackets)
{
    const ChecklistDocument document =
        parseValid("- [ ] fine\n\n- [1] Smith et al.\n- [link](https://example.com)\n");
    EXPECT_TRUE(document.warnings.isEmpty()) << document.warnings.join('\n').toStdString();
}

TEST(MarkdownChecklistParserBadInput, ToleratesMalformedAndMisplacedMarkersWithWarnings)
{
    const ChecklistDocument document =
        parseValid("- [ ] missing colon <!-- golive id=a -->\n"
                   "- [ ] unknown key <!-- golive: id=b colour=red required -->\n"
                   "- [ ] bad id <!-- golive: id=has/slash -->\n"
                   "- [ ] not at the end <!-- golive: id=c --> trailing words\n"
                   "- [ ] bad gate <!-- golive: gate=a+b -->\n"
                   "<!-- golive: id=alone -->\n"
                   "- [ ] two markers <!-- golive: id=d -->\n"
                   "  again <!-- golive: id=e -->\n");
    EXPECT_TRUE(hasWarningFor(document, 1, "malformed golive marker"));
    EXPECT_TRUE(hasWarningFor(document, 2, "unknown golive marker key \"colour\""));
    EXPECT_TRUE(hasWarningFor(document, 3, "\"has/slash\" is not valid"));
    EXPECT_TRUE(hasWarningFor(document, 4, "does not end the line"));
    EXPECT_TRUE(hasWarningFor(document, 5, "gate name \"a+b\" is not valid"));
    EXPECT_TRUE(hasWarningFor(document, 6, "only counts at the end of a task-list item"));
    EXPECT_TRUE(hasWarningFor(document, 8, "already has a golive marker"));

    // What could be understood still is: the known tokens apply, unknown ones are kept.
    const ChecklistItem *b = document.findItem(QStringLiteral("b"));
    ASSERT_NE(b, nullptr);
    EXPECT_TRUE(b->required);
    EXPECT_EQ(b->extraMarkerTokens, QStringList{QStringLiteral("colour=red")});
    EXPECT_EQ(document.allItems().first()->text,
              QStringLiteral("missing colon <!-- golive id=a -->"));
    EXPECT_EQ(document.findItem(QStringLiteral("bad-id"))->explicitId, false);
    EXPECT_EQ(document.findItem(QStringLiteral("alone")), nullptr);
    EXPECT_EQ(document.findItem(QStringLiteral("e")), nullptr);
    ASSERT_NE(document.findItem(QStringLiteral("d")), nullptr);
    EXPECT_EQ(document.findItem(QStringLiteral("d"))->text,
              QStringLiteral("two markers\nagain <!-- golive: id=e -->"));
}

TEST(MarkdownChecklistParserBadInput, WarnsAboutAnUnclosedFence)
{
    const ChecklistDocument document = parseValid("- [ ] real\n```\n- [ ] swallowed\n");
    EXPECT_EQ(document.itemCount(), 1);
    EXPECT_TRUE(hasWarningFor(document, 2, "never closed"));
}

TEST(MarkdownChecklistParserBadInput, ListsAtMostAHundredWarnings)
{
    const ChecklistDocument document =
        parseValid("- [ ] fine\n" + repeatedTo("- [?] x\n", 8 * 500));
    EXPECT_EQ(document.warnings.size(), MarkdownChecklistParser::kMaxWarnings + 1);
    EXPECT_TRUE(document.warnings.last().contains(QStringLiteral("400 more warnings")))
        << document.warnings.last().toStdString();
}

TEST(MarkdownChecklistParserBadInput, RefusesNestingDeeperThanTheLimit)
{
    QByteArray input;
    for (int depth = 0; depth <= MarkdownChecklistParser::kMaxDepth; ++depth)
        input += QByteArray(2 * depth, ' ') + "- [ ] level\n";
    const Error error = parseError(input);
    EXPECT_EQ(error.kind, QStringLiteral("too-deep"));
    EXPECT_TRUE(error.message.contains(QStringLiteral("Line 33")));
}

// The parsing engine itself, below the 2 MiB limit every way in applies. How long these take is
// measured next to an ordinary checklist in checklist_parser_bench (tests/bench/PERFORMANCE.md);
// here: each ends in a checklist or in the error it names, without crashing or recursing away.
TEST(MarkdownChecklistParserBadInput, TenMegabytesOfHostileMarkupEndInAChecklistOrANamedError)
{
    for (const HostileMarkdown &c : hostileMarkdownCases()) {
        const auto result = ChecklistParseRun().run(c.input());
        if (c.expectedErrorKind.isEmpty()) {
            EXPECT_TRUE(result.ok())
                << c.name << ": " << (result.ok() ? "" : result.error().message.toStdString());
        } else {
            ASSERT_FALSE(result.ok()) << c.name;
            EXPECT_EQ(result.error().kind, c.expectedErrorKind) << c.name;
        }
    }
}
