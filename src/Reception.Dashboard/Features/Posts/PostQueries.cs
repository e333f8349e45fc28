namespace Reception.Dashboard.Features.Posts;

/// <summary>How other features read posts: in route order, or one post's name for a message.</summary>
public static class PostQueries
{
    public static IOrderedQueryable<Post> InRouteOrder(this IQueryable<Post> posts) =>
        posts.OrderBy(p => p.RouteOrder).ThenBy(p => p.Name);

    public static Task<string> NameOfAsync(this IQueryable<Post> posts, Guid postId, CancellationToken ct) =>
        posts.Where(p => p.Id == postId).Select(p => p.Name).SingleAsync(ct);
}
