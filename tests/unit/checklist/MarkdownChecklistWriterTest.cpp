#include "ChecklistTestSupport.h"

#include "src/checklist/BundledChecklist.h"
#include "src/checklist/MarkdownChecklistWriter.h"

#include <QFile>

using namespace golive;
using namespace golive::test;

namespace {

QByteArray bundledMarkdown()
{
    QFile file(BundledChecklist::path());
    EXPECT_TRUE(file.open(QIODevice::ReadOnly));
    return file.readAll();
}

// Parsing what the writer wrote must give back the same document.
void expectRoundTrip(const QByteArray &markdown)
{
    const ChecklistDocument original = parseValid(markdown);
    const QByteArray written = MarkdownChecklistWriter::write(original);
    const ChecklistDocument reread = parseValid(written);
    EXPECT_EQ(describe(reread), describe(original)) << "written as:\n" << written.toStdString();
    EXPECT_EQ(reread.warnings.size(), original.warnings.size()) << written.toStdString();
    // And writing is a fixed point after the first normalisation.
    EXPECT_EQ(MarkdownChecklistWriter::write(reread), written);
}

} // namespace

TEST(MarkdownChecklistWriter, RoundTripsTheBundledChecklist)
{
    expectRoundTrip(bundledMarkdown());
}

TEST(MarkdownChecklistWriter, WritesTheBundledChecklistBackUnchanged)
{
    // The bundled file is already in the writer's normal form.
    const QByteArray markdown = bundledMarkdown();
    EXPECT_EQ(MarkdownChecklistWriter::write(parseValid(markdown)), markdown);
}

TEST(MarkdownChecklistWriter, WritesItemsMarkersAndBlocksInTheDocumentedForm)
{
    ChecklistDocument document;
    ChecklistSection section;
    section.title = QStringLiteral("Rollout");
    section.level = 2;
    ChecklistItem monitor;
    monitor.id = QStringLiteral("canary-monitor");
    monitor.explicitId = true;
    monitor.text = QStringLiteral("Monitor for 10 minutes");
    monitor.required = true;
    monitor.gates = {QStringLiteral("promote")};
    ChecklistItem check;
    check.id = QStringLiteral("check-p95");
    check.text = QStringLiteral("P95 latency < 5s\nfor chat");
    check.depth = 1;
    check.checkedInSource = true;
    section.items = {monitor, check};
    section.blocks = {ChecklistBlock{QStringLiteral("Watch the charts."), 0, 2}};
    document.sections = {section};

    EXPECT_EQ(MarkdownChecklistWriter::write(document),
              QByteArray("## Rollout\n"
                         "\n"
                         "- [ ] Monitor for 10 minutes <!-- golive: id=canary-monitor required "
                         "gate=promote -->\n"
                         "  - [x] P95 latency < 5s\n"
                         "    for chat\n"
                         "\n"
                         "Watch the charts.\n"));
}

TEST(MarkdownChecklistWriter, RoundTripsTrickyInputs)
{
    const QList<QByteArray> inputs{
        // untitled section, CRLF, mixed bullets, odd indentation, ordered items
        "Intro line\r\n* [X] first\r\n     + [ ] deep child\r\n 1. [ ] ordered\r\n",
        // continuation lines, lazy continuation, marker on a continuation line
        "# T\n- [ ] wraps\n      over lines\nlazily <!-- golive: gate=promote -->\n- [ ] next\n",
        // tables right under items, plain bullets, paragraphs between items
        "## S\n- [ ] a\n| x | y |\n|---|---|\n- [ ] b\n  - plain\n  - [ ] c under b\n\nText.\n- [ "
        "] d\n",
        // fences with items and headings inside, tildes, info strings, an HTML comment block
        "- [ ] a\n  ```bash\n  - [ ] no\n\n  # no\n  ```\n~~~\n```\n~~~\n<!--\n- [ ] no\n-->\n- [ "
        "] b\n",
        // duplicate texts and an explicit id equal to a derived one
        "- [ ] Same\n- [ ] same\n- [ ] x <!-- golive: id=same--3 -->\n- [ ] SAME\n",
        // headings with closing hashes and a title ending in '#'
        "# C# #\n## Steps ##\n- [ ] go\n#\n- [ ] empty heading\n",
        // unknown markup kept with its warnings, unknown marker tokens kept
        "- [?] what\n- [ ] known <!-- golive: id=k future=yes required -->\n- [ ] bad <!-- golive "
        "id=z -->\n",
        "- [ ] two\n  lines <!-- golive: id=a -->\n  three <!-- golive: id=b -->\n",
        // an empty item text, a ticked item, a marker-only item
        "- [ ]\n- [x] <!-- golive: id=marker-only -->\n",
        // an unclosed fence at the end
        "- [ ] a\n\n```\n- [ ] b\n",
        // non-ASCII text
        "## Überprüfung\n- [ ] Schlüssel rotiert 🔑\n",
    };
    for (const QByteArray &input : inputs) {
        SCOPED_TRACE(input.toStdString());
        expectRoundTrip(input);
    }
}

TEST(MarkdownChecklistWriter, NormalisesLineEndingsToLf)
{
    const QByteArray written = MarkdownChecklistWriter::write(parseValid("# T\r\n- [ ] a\r\n"));
    EXPECT_FALSE(written.contains('\r'));
    EXPECT_EQ(written, QByteArray("# T\n\n- [ ] a\n"));
}
