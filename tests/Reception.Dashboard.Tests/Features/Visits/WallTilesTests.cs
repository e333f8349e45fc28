using Reception.Dashboard.Features.Visits;

namespace Reception.Dashboard.Tests.Features.Visits;

public sealed class WallTilesTests
{
    [Fact]
    public void Fit_WhenEverythingFits_ShowsAllAndCountsNothing()
    {
        var (shown, more) = WallTiles.Fit([1, 2, 3], room: 3);

        Assert.Equal([1, 2, 3], shown);
        Assert.Equal(0, more);
    }

    [Fact]
    public void Fit_WhenMoreThanTheRoom_KeepsTheLastSlotForTheCountOfTheRest()
    {
        var (shown, more) = WallTiles.Fit([1, 2, 3, 4, 5, 6, 7, 8], room: 6);

        Assert.Equal([1, 2, 3, 4, 5], shown);
        Assert.Equal(3, more);
    }
}
