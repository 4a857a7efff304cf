// golive_demo_seed DATA_DIR: creates a release from the bundled checklist with a few items ticked,
// through the same Console the window uses (so the ticks are in the record too). For screenshots
// and manual testing only.
#include "src/checklist/BundledChecklist.h"
#include "src/checklist/ChecklistModel.h"
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
    const auto created =
        session.create(QStringLiteral("Chat assistant GA"), golive::BundledChecklist::markdown(),
                       QStringLiteral("bundled"));
    if (!created.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(created.error().message));
        return 1;
    }
    golive::ChecklistModel &model = *session.checklist();
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
        const QModelIndex section = model.index(tick.section, 0);
        const QString id =
            model.index(tick.item, 0, section).data(golive::ChecklistModel::ItemIdRole).toString();
        model.setTickerName(QString::fromUtf8(tick.who));
        if (*tick.note)
            model.setNote(id, QString::fromUtf8(tick.note));
        model.setChecked(id, true);
    }
    std::printf("%s\n", qPrintable(created.value().id));
    return 0;
}
