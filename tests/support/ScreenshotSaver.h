#pragma once

#include <QCoreApplication>
#include <QString>
#include <QWidget>

namespace golive::test {

// With GOLIVE_PANEL_PNG_DIR set, the widget's picture goes there (for the README's screenshots);
// otherwise nothing happens.
inline void savePicture(QWidget &widget, const char *name)
{
    if (const QByteArray dir = qgetenv("GOLIVE_PANEL_PNG_DIR"); !dir.isEmpty()) {
        // Let pending layout requests run so the picture shows the settled layout.
        QCoreApplication::sendPostedEvents();
        widget.grab().save(QString::fromLocal8Bit(dir) + QLatin1Char('/') + QLatin1String(name));
    }
}

} // namespace golive::test
