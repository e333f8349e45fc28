using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Features.Posts;
using Reception.Dashboard.Infrastructure;

namespace Reception.Dashboard.Tests.Features.Posts;

public sealed class PostTests
{
    private static readonly Guid SiteId = Guid.NewGuid();

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
