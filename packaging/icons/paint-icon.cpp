// Paints golive-256.png: the same drawing as golive.svg (Debian's Qt 6.4 here has no Qt Svg to
// render the SVG itself). Not part of the build; run once after changing the icon:
//   g++ -std=c++20 -fPIC paint-icon.cpp $(pkg-config --cflags --libs Qt6Gui) -o /tmp/paint-icon
//   QT_QPA_PLATFORM=offscreen /tmp/paint-icon golive-256.png
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QPainterPath>

int main(int argc, char **argv)
{
    QGuiApplication app(argc, argv);
    if (argc != 2)
        return 2;
    QImage image(256, 256, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0x1f, 0x3a, 0x5f));
    p.drawRoundedRect(QRectF(8, 8, 240, 240), 48, 48);

    const QRectF dial(48, 88, 160, 160); // centre (128,168), radius 80
    const auto arc = [&](QColor colour, double fromDeg, double spanDeg) {
        QPen pen(colour, 22, Qt::SolidLine, Qt::RoundCap);
        p.setPen(pen);
        p.setBrush(Qt::NoBrush);
        p.drawArc(dial, int(fromDeg * 16), int(spanDeg * 16));
    };
    arc(QColor(0x3d, 0x5a, 0x80), 0, 180);
    arc(QColor(0xe7, 0x6f, 0x51), 120, 60);
    arc(QColor(0x2a, 0x9d, 0x8f), 0, 60);

    const QColor needle(0xf4, 0xf1, 0xde);
    p.setPen(QPen(needle, 12, Qt::SolidLine, Qt::RoundCap));
    p.drawLine(QPointF(128, 168), QPointF(180, 116));
    p.setPen(Qt::NoPen);
    p.setBrush(needle);
    p.drawEllipse(QPointF(128, 168), 16, 16);

    QPainterPath tick;
    tick.moveTo(92, 204);
    tick.lineTo(114, 224);
    tick.lineTo(164, 184);
    p.setPen(QPen(QColor(0x2a, 0x9d, 0x8f), 14, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.setBrush(Qt::NoBrush);
    p.drawPath(tick);
    p.end();
    return image.save(QString::fromLocal8Bit(argv[1])) ? 0 : 1;
}
