#pragma once

#include <QAbstractItemModelTester>

namespace golive::test {

// Runs Qt's model checker over an item model for as long as the checker lives: every change the
// model announces is checked against what it then answers (row counts, parents, indexes, signal
// order). Each violation fails the running test; the model keeps being checked after it.
class ItemModelChecker {
public:
    explicit ItemModelChecker(QAbstractItemModel *model);
    ~ItemModelChecker();
    ItemModelChecker(const ItemModelChecker &) = delete;
    ItemModelChecker &operator=(const ItemModelChecker &) = delete;

private:
    QtMessageHandler m_previousHandler;
    QAbstractItemModelTester m_tester;
};

} // namespace golive::test
