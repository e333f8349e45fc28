using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Data;
using Reception.Dashboard.Features.Accounts;
using Reception.Dashboard.Features.Sites;
using Reception.Dashboard.Infrastructure;
using Reception.Dashboard.Realtime;

namespace Reception.Dashboard.Features.Posts;

public sealed class PostService(IDbContextFactory<ReceptionDbContext> dbFactory, SiteWriter writer)
{
    private static readonly CreatePostValidator CreateValidator = new();
    private static readonly UpdatePostValidator UpdateValidator = new();

    public async Task<IReadOnlyList<PostDto>> ListAsync(ClaimsPrincipal user, Guid siteId, CancellationToken ct)
    {
        Access.Demand(user, siteId, Permission.ViewBoard);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.EnsureSiteExistsAsync(siteId, ct);
        return await db.Posts.AsNoTracking().Where(p => p.SiteId == siteId).InRouteOrder().Select(p => p.ToDto()).ToListAsync(ct);
    }

    public async Task<PostDto> GetAsync(ClaimsPrincipal user, Guid siteId, Guid postId, CancellationToken ct)
    {
        Access.Demand(user, siteId, Permission.ViewBoard);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var post = await db.Posts.AsNoTracking().SingleOrDefaultAsync(p => p.SiteId == siteId && p.Id == postId, ct);
        return post?.ToDto() ?? throw new NotFoundException("Post", postId);
    }

    public Task<PostDto> CreateAsync(ClaimsPrincipal user, Guid siteId, CreatePost request, string? idempotencyKey, CancellationToken ct)
    {
        var actor = Access.Demand(user, siteId, Permission.ManageSite);
        var routeOrder = RequiredRouteOrder(request.RouteOrder);
        CreateValidator.EnsureValid(request);
        var (name, location) = (request.Name!.Trim(), Validation.TrimToNull(request.Location));
        return writer.WriteAsync(siteId, new Command(actor, $"posts.create:{siteId}", request, idempotencyKey), async (db, events) =>
        {
            await db.EnsureSiteExistsAsync(siteId, ct);
            await EnsureNameFreeAsync(db, siteId, name, exceptId: null, ct);
            var post = Post.Create(siteId, name, request.Kind, location, routeOrder);
            db.Posts.Add(post);
            events.Add(EventTypes.PostCreated, post.ToEvent());
            return post.ToDto();
        }, ct);
    }

    public Task<PostDto> UpdateAsync(ClaimsPrincipal user, Guid siteId, Guid postId, UpdatePost request, string? idempotencyKey, CancellationToken ct)
    {
        var actor = Access.Demand(user, siteId, Permission.ManageSite);
        var routeOrder = RequiredRouteOrder(request.RouteOrder);
        UpdateValidator.EnsureValid(request);
        var (name, location) = (request.Name!.Trim(), Validation.TrimToNull(request.Location));
        return writer.WriteAsync(siteId, new Command(actor, $"posts.update:{postId}", request, idempotencyKey), async (db, events) =>
        {
            var post = await FindAsync(db, siteId, postId, ct);
            if (post.IsSameAs(name, request.Kind, location, routeOrder))
            {
                return post.ToDto();
            }

            if (post.Version != request.Version)
            {
                throw ConflictException.Stale("post", post.Version, post.ToDto());
            }

            await EnsureNameFreeAsync(db, siteId, name, exceptId: postId, ct);
            post.Update(name, request.Kind, location, routeOrder);
            events.Add(EventTypes.PostUpdated, post.ToEvent());
            return post.ToDto();
        }, ct);
    }

    public Task<PostDto> ArchiveAsync(ClaimsPrincipal user, Guid siteId, Guid postId, string? idempotencyKey, CancellationToken ct)
    {
        var actor = Access.Demand(user, siteId, Permission.ManageSite);
        return writer.WriteAsync(siteId, new Command(actor, $"posts.archive:{postId}", null, idempotencyKey), async (db, events) =>
        {
            var post = await FindAsync(db, siteId, postId, ct);
            if (post.Archive())
            {
                events.Add(EventTypes.PostArchived, post.ToEvent());
            }

            return post.ToDto();
        }, ct);
    }

    public Task<PostDto> RestoreAsync(ClaimsPrincipal user, Guid siteId, Guid postId, string? idempotencyKey, CancellationToken ct)
    {
        var actor = Access.Demand(user, siteId, Permission.ManageSite);
        return writer.WriteAsync(siteId, new Command(actor, $"posts.restore:{postId}", null, idempotencyKey), async (db, events) =>
        {
            var post = await FindAsync(db, siteId, postId, ct);
            if (post.Restore())
            {
                events.Add(EventTypes.PostRestored, post.ToEvent());
            }

            return post.ToDto();
        }, ct);
    }

    // Missing, it would read as 0 and move the post to the head of the route.
    private static int RequiredRouteOrder(int? routeOrder) =>
        routeOrder ?? throw RuleViolationException.For("routeOrder", ErrorText.Get("GiveRouteOrder"));

    private static async Task<Post> FindAsync(ReceptionDbContext db, Guid siteId, Guid postId, CancellationToken ct) =>
        await db.Posts.SingleOrDefaultAsync(p => p.SiteId == siteId && p.Id == postId, ct)
        ?? throw new NotFoundException("Post", postId);

    private static async Task EnsureNameFreeAsync(ReceptionDbContext db, Guid siteId, string name, Guid? exceptId, CancellationToken ct)
    {
        if (await db.Posts.AnyAsync(p => p.SiteId == siteId && p.Name == name && p.Id != exceptId, ct))
        {
            throw new ConflictException(ErrorText.Get("PostNameTaken", name));
        }
    }
}

public static class PostQueries
{
    public static IOrderedQueryable<Post> InRouteOrder(this IQueryable<Post> posts) =>
        posts.OrderBy(p => p.RouteOrder).ThenBy(p => p.Name);

    public static Task<string> NameOfAsync(this IQueryable<Post> posts, Guid postId, CancellationToken ct) =>
        posts.Where(p => p.Id == postId).Select(p => p.Name).SingleAsync(ct);
}
