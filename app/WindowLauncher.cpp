#include "WindowLauncher.h"

#include "MainWindow.h"
#include "common/Clock.h"
#include "common/MessageBanner.h"
#include "release/ReleaseSession.h"

#include <QApplication>

namespace golive::app {

int openWindow(const Invocation &invocation)
{
    ReleaseSession session(invocation.dataDir, SystemClock::instance());
    MainWindow window(session);
    // Problems opening the release are shown in the window's banner, not on a terminal nobody
    // reads.
    if (const Status failed = session.openNewestOrCreate())
        window.banner()->showWarning(failed->message);
    window.show();
    return QApplication::exec();
}

} // namespace golive::app
