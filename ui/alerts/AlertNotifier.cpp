#include "ui/alerts/AlertNotifier.h"

#include <QSystemTrayIcon>

namespace golive {

AlertNotifier::AlertNotifier(QSystemTrayIcon *tray, QObject *parent) : QObject(parent), m_tray(tray)
{
}

bool AlertNotifier::canNotify() const
{
    return m_tray && QSystemTrayIcon::isSystemTrayAvailable() &&
           QSystemTrayIcon::supportsMessages();
}

void AlertNotifier::notifyFired(const Alert &alert)
{
    if (alert.severity != AlertSeverity::P1 || !alert.isActive() || !canNotify())
        return;
    m_tray->showMessage(QStringLiteral("golive P1: %1").arg(alert.title), alert.message,
                        QSystemTrayIcon::Critical);
    Q_EMIT notified(alert);
}

} // namespace golive
