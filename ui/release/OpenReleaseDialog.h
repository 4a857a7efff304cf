#pragma once

#include "src/release/ReleaseInfo.h"

#include <QDialog>

class QTreeWidget;

namespace golive {

// File > Open release: the releases in the data folder, newest first.
class OpenReleaseDialog : public QDialog {
    Q_OBJECT
public:
    OpenReleaseDialog(const QList<ReleaseInfo> &releases, const QString &currentId,
                      QWidget *parent = nullptr);

    QString selectedReleaseId() const;

private:
    QTreeWidget *m_list;
};

} // namespace golive
