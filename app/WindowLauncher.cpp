#include "WindowLauncher.h"

#include "OsUserName.h"
#include "StopSignals.h"
#include "src/common/Clock.h"
#include "src/config/ProfileLoader.h"
#include "src/console/Console.h"
#include "src/console/TickerNameMemory.h"
#include "ui/MainWindow.h"
#include "ui/checklist/ChecklistView.h"
#include "ui/common/MessageBanner.h"

#include <QApplication>
#include <QEvent>
#include <QSettings>
#include <QTimer>

#include <functional>
#include <utility>

namespace golive::app {

namespace {

// Runs `then` once, right after the window's first paint has finished, or after `latestMs` when
// the window is not painted by then (started minimized, say), so the work is never left undone.
class AfterFirstPaint : public QObject {
public:
    AfterFirstPaint(QWidget &window, int latestMs, std::function<void()> then)
        : QObject(&window), m_window(window), m_then(std::move(then))
    {
        window.installEventFilter(this);
        QTimer::singleShot(latestMs, this, &AfterFirstPaint::run);
    }

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == &m_window && event->type() == QEvent::Paint)
            QTimer::singleShot(0, this, &AfterFirstPaint::run);
        return false;
    }

private:
    void run()
    {
        m_window.removeEventFilter(this);
        if (auto then = std::exchange(m_then, nullptr))
            then();
        deleteLater();
    }

    QWidget &m_window;
    std::function<void()> m_then;
};

// Probing waits for the first paint at most this long.
constexpr int monitoringLatestStartMs = 1000;

} // namespace

int openWindow(const Invocation &invocation)
{
    // A broken profile is explained in the window, and the console then never probes with half a
    // configuration: it still holds the checklist.
    Profile profile;
    std::optional<Error> profileProblem;
    if (!invocation.profilePath.isEmpty()) {
        auto loaded = ProfileLoader::fromFile(invocation.profilePath);
        if (loaded.ok())
            profile = std::move(loaded).value();
        else
            profileProblem = loaded.error();
    }

    Console console(profile, invocation.dataDir, SystemClock::instance());
    console.release().checklist()->setTickerName(osUserName());
    MainWindow window(console);
    window.setProfilePath(profileProblem ? QString() : invocation.profilePath);
    // *Ticking as* is remembered per release (else the last name used here), not reset to the OS
    // user on every start.
    QSettings settings;
    TickerNameMemory tickerMemory(console.release(), *console.release().checklist(), settings);
    QObject::connect(&tickerMemory, &TickerNameMemory::originChanged, window.checklistView(),
                     &ChecklistView::setTickerOrigin);
    // Problems opening the release are shown in the window's banner, not on a terminal nobody
    // reads.
    if (const Status failed = console.release().openNewestOrCreate(); failed.failed())
        window.banner()->showWarning(failed->message);
    if (const auto &problem = console.runbookProblem())
        window.banner()->showWarning(
            QObject::tr("The runbook %1 was not used; the rollout buttons run the bundled seed "
                        "runbook instead: %2")
                .arg(profile.runbookPath, problem->message));
    if (profileProblem)
        window.banner()->showWarning(
            QObject::tr("The profile %1 was not used, and nothing is being probed: %2")
                .arg(invocation.profilePath, profileProblem->message));
    else
        // Probing loads the TLS library, resolves hosts and asks the keychain: all of it can wait
        // until the window has been drawn once.
        new AfterFirstPaint(window, monitoringLatestStartMs,
                            [&console] { console.startMonitoring(); });
    // SIGTERM / SIGINT (a logout, a Ctrl+C in the terminal that started it) close the window the
    // way `golive run` stops: a running step is cancelled like its Cancel button, recorded as
    // interrupted, and golive quits once kubectl is gone.
    StopSignals stopSignals;
    int stopSignal = 0;
    RolloutController &rollout = console.rollout();
    QObject::connect(&stopSignals, &StopSignals::stopRequested, &window, [&](int signalNumber) {
        if (stopSignal != 0)
            return;
        stopSignal = signalNumber;
        if (!rollout.isRunning())
            return QApplication::exit(StopSignals::exitCodeFor(signalNumber));
        window.banner()->showWarning(QObject::tr("%1: cancelling the running step, then closing.")
                                         .arg(StopSignals::nameOf(signalNumber)));
        rollout.cancel();
    });
    QObject::connect(&rollout, &RolloutController::stepFinished, &window,
                     [&](const StepResult &result) {
                         if (stopSignal == 0)
                             return;
                         console.recordInterruption(result.stepId, StopSignals::nameOf(stopSignal));
                         QApplication::exit(StopSignals::exitCodeFor(stopSignal));
                     });
    window.show();
    return QApplication::exec();
}

} // namespace golive::app
