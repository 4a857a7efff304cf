#include "ui/release/OpenReleaseDialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace golive {

OpenReleaseDialog::OpenReleaseDialog(const QList<ReleaseInfo> &releases, const QString &currentId,
                                     QWidget *parent)
    : QDialog(parent), m_list(new QTreeWidget(this))
{
    setWindowTitle(tr("Open release"));
    resize(560, 320);
    m_list->setObjectName(QStringLiteral("releases"));
    m_list->setHeaderLabels({tr("Release"), tr("Created"), tr("Id")});
    m_list->setRootIsDecorated(false);
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (const ReleaseInfo &release : releases) {
        auto *row = new QTreeWidgetItem(m_list);
        row->setText(0, release.name);
        row->setText(1,
                     release.createdUtc.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")));
        row->setText(2, release.id);
        row->setData(0, Qt::UserRole, release.id);
        if (release.id == currentId)
            m_list->setCurrentItem(row);
    }
    if (!m_list->currentItem() && m_list->topLevelItemCount() > 0)
        m_list->setCurrentItem(m_list->topLevelItem(0));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QTreeWidget::itemActivated, this, &QDialog::accept);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_list);
    layout->addWidget(buttons);
}

QString OpenReleaseDialog::selectedReleaseId() const
{
    const QTreeWidgetItem *row = m_list->currentItem();
    return row ? row->data(0, Qt::UserRole).toString() : QString();
}

} // namespace golive
