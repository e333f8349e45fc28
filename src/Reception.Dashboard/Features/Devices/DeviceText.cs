namespace Reception.Dashboard.Features.Devices;

/// <summary>The words of the phone, pairing and device pages (<c>DeviceText.resx</c>, <c>DeviceText.zh-Hans.resx</c>).</summary>
public sealed class DeviceText;
