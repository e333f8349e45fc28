namespace Reception.Dashboard.Features.Devices;

/// <summary>
/// The words of the phone, pairing and device pages and of the devices' refusals (<c>DeviceText.resx</c>,
/// <c>DeviceText.zh-Hans.resx</c>). Pages read them through <c>IStringLocalizer&lt;DeviceText&gt;</c>; singleton
/// services, which have no localizer per request, through <see cref="Get"/> in the caller's culture.
/// </summary>
public sealed class DeviceText
{
    private static readonly ResourceText Words = new(typeof(DeviceText));

    public static string Get(string key, params object?[] args) => Words.Get(key, args);
}
