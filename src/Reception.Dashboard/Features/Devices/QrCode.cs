using QRCoder;

namespace Reception.Dashboard.Features.Devices;

/// <summary>The enrolment link as a QR code a phone's camera opens; a data URI, so the page needs no image endpoint.</summary>
public static class QrCode
{
    public static string PngDataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(pixelsPerModule: 8);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
