#include "TestEnvironment.h"

#include <QCoreApplication>

#include <gtest/gtest.h>

// Core tests run inside a QCoreApplication so event loops, timers and sockets work.
int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    golive::test::prepareTestEnvironment();
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
