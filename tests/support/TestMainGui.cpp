#include "TestEnvironment.h"

#include <QApplication>

#include <gtest/gtest.h>

// Widget tests run inside a QApplication on the offscreen platform: no display needed.
int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    golive::test::prepareTestEnvironment();
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
