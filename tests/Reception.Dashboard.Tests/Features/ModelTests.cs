using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Features.Posts;
using Reception.Dashboard.Features.Shifts;
using Reception.Dashboard.Infrastructure;

namespace Reception.Dashboard.Tests.Features;

public sealed class ModelTests
{
    private static readonly Guid SiteId = Guid.NewGuid();

    [Theory]
    [InlineData("23:30", true)]
    [InlineData("00:00", true)]
    [InlineData("06:59", true)]
    [InlineData("07:00", false)]
    [InlineData("12:00", false)]
    [InlineData("23:00", true)]
    public void NightShift_Covers_TimesOnBothSidesOfMidnight(string time, bool covered)
    {
        var night = Shift.Create(SiteId, ShiftKind.Night, new TimeOnly(23, 0), new TimeOnly(7, 0));

        Assert.True(night.CrossesMidnight);
        Assert.Equal(covered, night.Covers(TimeOnly.Parse(time)));
    }

    [Fact]
    public void Post_UpdateWithSameValues_KeepsVersion()
    {
        var post = Post.Create(SiteId, "Gate", PostKind.Gate, "East", 1);

        Assert.False(post.Update("Gate", PostKind.Gate, "East", 1));
        Assert.Equal(1, post.Version);
        Assert.True(post.Update("Gate", PostKind.Gate, "East", 2));
        Assert.Equal(2, post.Version);
    }

    [Fact]
    public void Post_ArchiveTwice_SecondIsANoOp()
    {
        var post = Post.Create(SiteId, "Gate", PostKind.Gate, null, 1);

        Assert.True(post.Archive());
        Assert.False(post.Archive());
        Assert.Equal(2, post.Version);
    }

    [Fact]
    public void Post_ChangeWhileArchived_IsAConflict()
    {
        var post = Post.Create(SiteId, "Gate", PostKind.Gate, null, 1);
        post.Archive();

        Assert.Throws<ConflictException>(() => post.Update("Gate 2", PostKind.Gate, null, 1));
        Assert.True(post.Restore());
        Assert.True(post.Update("Gate 2", PostKind.Gate, null, 1));
    }
}
