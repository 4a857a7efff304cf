#include "src/checklist/BundledChecklist.h"

#include <QFile>

namespace golive {

QString BundledChecklist::path()
{
    return QStringLiteral(":/golive/checklists/cohere-production.md");
}

QByteArray BundledChecklist::markdown()
{
    QFile file(path());
    file.open(QIODevice::ReadOnly); // a compiled-in resource; it cannot be missing
    return file.readAll();
}

} // namespace golive
