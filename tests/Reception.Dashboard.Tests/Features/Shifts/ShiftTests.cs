using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Features.Shifts;

namespace Reception.Dashboard.Tests.Features.Shifts;

public sealed class ShiftTests
{
    [Theory]
    [InlineData("23:30", true)]
    [InlineData("00:00", true)]
    [InlineData("06:59", true)]
    [InlineData("07:00", false)]
    [InlineData("12:00", false)]
    [InlineData("23:00", true)]
    public void NightShift_Covers_TimesOnBothSidesOfMidnight(string time, bool covered)
    {
        var night = Shift.Create(Guid.NewGuid(), ShiftKind.Night, new TimeOnly(23, 0), new TimeOnly(7, 0));

        Assert.True(night.CrossesMidnight);
        Assert.Equal(covered, night.Covers(TimeOnly.Parse(time)));
    }
}
