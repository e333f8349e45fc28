using Reception.Dashboard.Features.Admin;

namespace Reception.Dashboard.Features.Posts;

public sealed class PostService(IDbContextFactory<ReceptionDbContext> dbFactory, SiteWriter writer)
    : ISiteResource<PostDto, CreatePost, UpdatePost>
{
    private static readonly CreatePostValidator CreateValidator = new();
    private static readonly UpdatePostValidator UpdateValidator = new();

    public async Task<IReadOnlyList<PostDto>> ListAsync(SiteCall call)
    {
        call.Demand(Permission.ViewBoard);
        await using var db = await dbFactory.CreateDbContextAsync(call.Cancellation);
        await db.EnsureSiteExistsAsync(call.SiteId, call.Cancellation);
        return await db.Posts.AsNoTracking().Where(p => p.SiteId == call.SiteId).InRouteOrder().Select(p => p.ToDto()).ToListAsync(call.Cancellation);
    }

    public async Task<PostDto> GetAsync(SiteCall call, Guid postId)
    {
        call.Demand(Permission.ViewBoard);
        await using var db = await dbFactory.CreateDbContextAsync(call.Cancellation);
        return (await db.Posts.AsNoTracking().FindAtSiteAsync(call, postId, AdminText.Get("Entity.Post"))).ToDto();
    }

    public Task<PostDto> CreateAsync(SiteCall call, CreatePost request)
    {
        var actor = call.Demand(Permission.ManageSite);
        var routeOrder = RequiredRouteOrder(request.RouteOrder);
        CreateValidator.EnsureValid(request);
        var (name, location) = (request.Name!.Trim(), Validation.TrimToNull(request.Location));
        return writer.WriteAsync(call, actor, $"posts.create:{call.SiteId}", request, async (db, events) =>
        {
            await db.EnsureSiteExistsAsync(call.SiteId, call.Cancellation);
            await EnsureNameFreeAsync(db, call, name, exceptId: null);
            var post = Post.Create(call.SiteId, name, request.Kind, location, routeOrder);
            db.Posts.Add(post);
            events.Add(EventTypes.PostCreated, post.ToEvent());
            return post.ToDto();
        });
    }

    public Task<PostDto> UpdateAsync(SiteCall call, Guid postId, UpdatePost request)
    {
        var actor = call.Demand(Permission.ManageSite);
        var routeOrder = RequiredRouteOrder(request.RouteOrder);
        UpdateValidator.EnsureValid(request);
        var (name, location) = (request.Name!.Trim(), Validation.TrimToNull(request.Location));
        return writer.WriteAsync(call, actor, $"posts.update:{postId}", request, async (db, events) =>
        {
            var post = await db.Posts.FindAtSiteAsync(call, postId, AdminText.Get("Entity.Post"));
            if (post.IsSameAs(name, request.Kind, location, routeOrder))
            {
                return post.ToDto();
            }

            if (post.Version != request.Version)
            {
                throw ConflictException.Stale(AdminText.Get("Entity.Post"), post.Version, post.ToDto());
            }

            await EnsureNameFreeAsync(db, call, name, exceptId: postId);
            post.Update(name, request.Kind, location, routeOrder);
            events.Add(EventTypes.PostUpdated, post.ToEvent());
            return post.ToDto();
        });
    }

    public Task<PostDto> ArchiveAsync(SiteCall call, Guid postId) =>
        SetArchivedAsync(call, postId, "posts.archive", EventTypes.PostArchived, post => post.Archive());

    public Task<PostDto> RestoreAsync(SiteCall call, Guid postId) =>
        SetArchivedAsync(call, postId, "posts.restore", EventTypes.PostRestored, post => post.Restore());

    /// <param name="change">Archives or restores the post; answers whether that changed anything.</param>
    private Task<PostDto> SetArchivedAsync(SiteCall call, Guid postId, string operation, string eventType, Func<Post, bool> change)
    {
        var actor = call.Demand(Permission.ManageSite);
        return writer.WriteAsync(call, actor, $"{operation}:{postId}", null, async (db, events) =>
        {
            var post = await db.Posts.FindAtSiteAsync(call, postId, AdminText.Get("Entity.Post"));
            if (change(post))
            {
                events.Add(eventType, post.ToEvent());
            }

            return post.ToDto();
        });
    }

    // Missing, it would read as 0 and move the post to the head of the route.
    private static int RequiredRouteOrder(int? routeOrder) =>
        routeOrder ?? throw RuleViolationException.For("routeOrder", AdminText.Get("Posts.GiveRouteOrder"));

    private static async Task EnsureNameFreeAsync(ReceptionDbContext db, SiteCall call, string name, Guid? exceptId)
    {
        if (await db.Posts.AnyAsync(p => p.SiteId == call.SiteId && p.Name == name && p.Id != exceptId, call.Cancellation))
        {
            throw new ConflictException(AdminText.Get("Posts.NameTaken", name));
        }
    }
}
