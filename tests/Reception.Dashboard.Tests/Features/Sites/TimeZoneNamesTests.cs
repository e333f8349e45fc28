using System.Globalization;
using Reception.Dashboard.Features.Sites;

namespace Reception.Dashboard.Tests.Features.Sites;

public sealed class TimeZoneNamesTests
{
    [Theory]
    [InlineData("Asia/Shanghai")]
    [InlineData("Asia/Chongqing")]
    [InlineData("Asia/Harbin")]
    [InlineData("PRC")]
    public void ChinasZone_IsBeijingTime_InThePagesLanguage(string timeZoneId)
    {
        Assert.Equal("北京时间", NameIn("zh-Hans", timeZoneId));
        Assert.Equal("Beijing time", NameIn("en", timeZoneId));
    }

    [Fact]
    public void AnotherZone_IsTheSystemsName_WithoutItsOffset()
    {
        var name = NameIn("en", "Asia/Tokyo");

        Assert.False(string.IsNullOrWhiteSpace(name));
        Assert.False(name.StartsWith("(UTC", StringComparison.Ordinal), name);
        Assert.NotEqual("Beijing time", name);
    }

    [Fact]
    public void AZoneTheSystemDoesNotKnow_IsItsId()
    {
        Assert.Equal("Mars/Olympus_Mons", NameIn("en", "Mars/Olympus_Mons"));
    }

    // The words follow the reader's culture: set it for one call, and leave the thread as it was.
    private static string NameIn(string culture, string timeZoneId)
    {
        var (language, format) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return TimeZoneNames.Of(timeZoneId);
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (language, format);
        }
    }
}
