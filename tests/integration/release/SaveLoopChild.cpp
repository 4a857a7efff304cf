// Usage: release_save_loop_child <data dir> <release id>
// Saves saveLoopState(1), saveLoopState(2), ... to the release as fast as it can and prints
// "saved <n>" after each save has returned, until it is killed (or, as a safety net, after
// kMaxSaves saves).
#include "SaveLoopState.h"
#include "src/common/Clock.h"
#include "src/release/ReleaseStore.h"

#include <QCoreApplication>
#include <QStringList>

#include <cstdio>

int main(int argc, char **argv)
{
    constexpr int kMaxSaves = 10000;
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() != 3) {
        std::fprintf(stderr, "usage: release_save_loop_child <data dir> <release id>\n");
        return 2;
    }
    golive::ReleaseStore store(args.at(1), golive::SystemClock::instance());
    for (int n = 1; n <= kMaxSaves; ++n) {
        if (const golive::Status error =
                store.saveState(args.at(2), golive::test::saveLoopState(n));
            error.failed()) {
            std::fprintf(stderr, "save %d failed: %s\n", n, qPrintable(error->message));
            return 1;
        }
        std::printf("saved %d\n", n);
        std::fflush(stdout);
    }
    return 0;
}
