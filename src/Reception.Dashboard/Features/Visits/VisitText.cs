namespace Reception.Dashboard.Features.Visits;

/// <summary>The words of the visit pages (<c>VisitText.resx</c>, <c>VisitText.zh-Hans.resx</c>).</summary>
public sealed class VisitText;
