#include "TestEnvironment.h"

#include <QApplication>

#include <gtest/gtest.h>

// Widget tests run inside a QApplication; CTest sets QT_QPA_PLATFORM=offscreen.
int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    golive::test::prepareTestEnvironment();
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
