namespace Disputes.Web.Features.Board;

/// <summary>Where a page of a list starts.</summary>
public static class Paging
{
    /// <summary>The rows before page <paramref name="page"/> (from 0): a page far past the end is past the end, not the first page again.</summary>
    public static int Offset(int page, int pageSize) => (int)Math.Min((long)Math.Max(page, 0) * pageSize, int.MaxValue);
}
