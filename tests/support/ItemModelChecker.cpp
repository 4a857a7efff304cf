#include "ItemModelChecker.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>

namespace golive::test {

namespace {

// The checker reports through this logging category when told to warn rather than abort.
constexpr const char *modelTestCategory = "qt.modeltest";

QtMessageHandler forwardTo = nullptr;

void failOnModelTestWarning(QtMsgType type, const QMessageLogContext &context,
                            const QString &message)
{
    if (type != QtDebugMsg && type != QtInfoMsg && context.category &&
        std::strcmp(context.category, modelTestCategory) == 0) {
        ADD_FAILURE() << "item model check: " << message.toStdString();
        return;
    }
    if (forwardTo)
        forwardTo(type, context, message);
    else
        std::fprintf(stderr, "%s\n", qPrintable(qFormatLogMessage(type, context, message)));
}

} // namespace

// The handler is installed before the tester exists: the tester checks the model at once.
ItemModelChecker::ItemModelChecker(QAbstractItemModel *model)
    : m_previousHandler(qInstallMessageHandler(failOnModelTestWarning)),
      m_tester(model, QAbstractItemModelTester::FailureReportingMode::Warning)
{
    if (m_previousHandler != failOnModelTestWarning)
        forwardTo = m_previousHandler;
}

ItemModelChecker::~ItemModelChecker()
{
    qInstallMessageHandler(m_previousHandler);
}

} // namespace golive::test
