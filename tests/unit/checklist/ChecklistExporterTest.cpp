#include "ChecklistTestSupport.h"

#include "src/checklist/BundledChecklist.h"
#include "src/checklist/ChecklistExporter.h"
#include "src/checklist/ChecklistGate.h"

#include <QTimeZone>

using namespace golive;
using namespace golive::test;

namespace {

const QByteArray kChecklist =
    "# Release\n"
    "\n"
    "Read this first.\n"
    "\n"
    "## Keys\n"
    "\n"
    "- [ ] Production key <!-- golive: id=prod-key required gate=deploy -->\n"
    "- [ ] Billing alerts\n"
    "  - [ ] Finance informed\n"
    "- [ ] Key rotation\n"
    "\n"
    "| a | b |\n"
    "|---|---|\n";

ItemState tick(const QString &who, const QDateTime &at, const QString &note = QString())
{
    ItemState state;
    state.checked = true;
    state.who = who;
    state.atUtc = at;
    state.note = note;
    return state;
}

QDateTime utc(int hour, int minute, int second = 0)
{
    return QDateTime(QDate(2026, 11, 24), QTime(hour, minute, second), QTimeZone::utc());
}

} // namespace

TEST(ChecklistExporter, WritesWhoWhenAndNoteAfterAnEmDash)
{
    const ChecklistDocument document = parseValid(kChecklist);
    ChecklistState state;
    state.insert(QStringLiteral("prod-key"),
                 tick(QStringLiteral("alice"), utc(14, 3, 59), QStringLiteral("from the vault")));
    state.insert(QStringLiteral("billing-alerts"), tick(QStringLiteral("bob"), utc(9, 30)));
    ItemState openWithNote;
    openWithNote.note = QStringLiteral("waiting for finance");
    openWithNote.who = QStringLiteral("carol");
    state.insert(QStringLiteral("finance-informed"), openWithNote);

    EXPECT_EQ(ChecklistExporter::toMarkdown(document, state),
              QByteArray("# Release\n"
                         "\n"
                         "Read this first.\n"
                         "\n"
                         "## Keys\n"
                         "\n"
                         "- [x] Production key — alice, 2026-11-24 14:03 UTC: from the vault "
                         "<!-- golive: id=prod-key required gate=deploy -->\n"
                         "- [x] Billing alerts — bob, 2026-11-24 09:30 UTC "
                         "<!-- golive: id=billing-alerts -->\n"
                         "  - [ ] Finance informed — waiting for finance "
                         "<!-- golive: id=finance-informed -->\n"
                         "- [ ] Key rotation <!-- golive: id=key-rotation -->\n"
                         "\n"
                         "| a | b |\n"
                         "|---|---|\n"));
}

TEST(ChecklistExporter, ShowsTimesInUtcWhateverZoneTheStateUses)
{
    const QDateTime berlin(QDate(2026, 11, 24), QTime(15, 3), QTimeZone("Europe/Berlin"));
    EXPECT_EQ(ChecklistExporter::annotation(tick(QStringLiteral("alice"), berlin)),
              QStringLiteral(" — alice, 2026-11-24 14:03 UTC"));
}

TEST(ChecklistExporter, LeavesOutWhatTheStateDoesNotKnow)
{
    EXPECT_EQ(ChecklistExporter::annotation(ItemState{}), QString());
    EXPECT_EQ(ChecklistExporter::annotation(tick(QString(), utc(8, 0))),
              QStringLiteral(" — 2026-11-24 08:00 UTC"));
    EXPECT_EQ(ChecklistExporter::annotation(
                  tick(QStringLiteral("dan"), QDateTime(), QStringLiteral("ok"))),
              QStringLiteral(" — dan: ok"));
}

TEST(ChecklistExporter, KeepsFreeTextOnOneLineAndHarmless)
{
    const ChecklistDocument document =
        parseValid("- [ ] Key <!-- golive: id=key -->\n- [ ] Next\n");
    ChecklistState state;
    state.insert(QStringLiteral("key"),
                 tick(QStringLiteral("eve"), utc(10, 0),
                      QStringLiteral("line one\n- [ ] injected <!-- golive: id=next -->")));
    const QByteArray exported = ChecklistExporter::toMarkdown(document, state);
    const ChecklistDocument reread = parseValid(exported);
    EXPECT_EQ(ids(reread), (QStringList{QStringLiteral("key"), QStringLiteral("next")}))
        << exported.toStdString();
}

TEST(ChecklistExporter, ReimportsAsTheSameChecklistTickedAsInTheState)
{
    const ChecklistDocument document = parseValid(kChecklist);
    ChecklistState state;
    state.insert(QStringLiteral("prod-key"),
                 tick(QStringLiteral("alice"), utc(14, 3), QStringLiteral("note")));
    state.insert(QStringLiteral("finance-informed"), tick(QStringLiteral("bob"), utc(15, 0)));

    const ChecklistDocument reread = parseValid(ChecklistExporter::toMarkdown(document, state));
    EXPECT_TRUE(reread.warnings.isEmpty());
    EXPECT_EQ(ids(reread), ids(document));
    const QList<const ChecklistItem *> before = document.allItems();
    const QList<const ChecklistItem *> after = reread.allItems();
    ASSERT_EQ(after.size(), before.size());
    for (qsizetype i = 0; i < before.size(); ++i) {
        EXPECT_EQ(after[i]->depth, before[i]->depth);
        EXPECT_EQ(after[i]->required, before[i]->required);
        EXPECT_EQ(after[i]->gates, before[i]->gates);
        EXPECT_EQ(after[i]->checkedInSource, state.value(before[i]->id).checked)
            << before[i]->id.toStdString();
    }
    EXPECT_EQ(ChecklistGate::openRequiredItems(reread, state, QStringLiteral("deploy")),
              ChecklistGate::openRequiredItems(document, state, QStringLiteral("deploy")));
    EXPECT_EQ(reread.sections.last().blocks.last().text, QStringLiteral("| a | b |\n|---|---|"));
}

TEST(ChecklistExporter, ExportsTheBundledChecklistSoItReimports)
{
    const auto bundled = MarkdownChecklistParser::parseFile(BundledChecklist::path());
    ASSERT_TRUE(bundled.ok());
    ChecklistState state;
    for (const ChecklistItem *item : bundled.value().allItems())
        state.insert(item->id, tick(QStringLiteral("alice"), utc(12, 0)));
    const ChecklistDocument reread =
        parseValid(ChecklistExporter::toMarkdown(bundled.value(), state));
    EXPECT_EQ(ids(reread), ids(bundled.value()));
    for (const ChecklistItem *item : reread.allItems())
        EXPECT_TRUE(item->checkedInSource);
}
