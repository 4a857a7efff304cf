// golive_demo_seed DATA_DIR: creates a release from the bundled checklist with a few items ticked,
// through the same Console the window uses (so the ticks are in the record too). For screenshots
// and manual testing only.
#include "src/checklist/BundledChecklist.h"
#include "src/checklist/Checklist.h"
#include "src/common/Clock.h"
#include "src/console/Console.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: golive_demo_seed DATA_DIR\n");
        return 2;
    }
    golive::Console console(golive::Profile{}, QString::fromLocal8Bit(argv[1]),
                            golive::SystemClock::instance());
    QObject::connect(&console, &golive::Console::warningRaised, [](const QString &warning) {
        std::fprintf(stderr, "%s\n", qPrintable(warning));
    });
    golive::ReleaseSession &session = console.release();
    // The demo's first ticker creates the release (the checklist names nobody by itself).
    session.checklist()->setTickerName(QStringLiteral("maria"));
    const auto created =
        session.create(QStringLiteral("Chat assistant GA"), golive::BundledChecklist::markdown(),
                       QStringLiteral("bundled"));
    if (!created.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(created.error().message));
        return 1;
    }
    golive::Checklist &checklist = *session.checklist();
    // `section` below counts only the sections that have items, as the checklist tab shows them.
    QList<const golive::ChecklistSection *> sections;
    for (const golive::ChecklistSection &section : checklist.document().sections) {
        if (!section.items.isEmpty())
            sections.append(&section);
    }
    const struct {
        const char *who;
        int section;
        int item;
        const char *note;
    } ticks[] = {
        {"maria", 0, 0, "staging soak passed 2026-11-21"},
        {"maria", 0, 1, ""},
        {"dev", 0, 2, "Argo CD pipeline"},
        {"dev", 1, 0, "prod key, org Acme"},
        {"dev", 1, 1, "Vault path secret/cohere"},
        {"maria", 1, 4, ""},
        {"sam", 2, 0, ""},
        {"sam", 2, 1, "embed.ts:42"},
    };
    for (const auto &tick : ticks) {
        const QString id = sections.at(tick.section)->items.at(tick.item).id;
        checklist.setTickerName(QString::fromUtf8(tick.who));
        if (*tick.note)
            checklist.setNote(id, QString::fromUtf8(tick.note));
        checklist.tick(id);
    }
    std::printf("%s\n", qPrintable(created.value().id));
    return 0;
}
