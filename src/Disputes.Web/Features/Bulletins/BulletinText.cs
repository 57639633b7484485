using System.Globalization;
using Disputes.Domain.Reports;
using Disputes.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Disputes.Web.Features.Bulletins;

/// <summary>The words of a bulletin's paper besides its paragraphs, in the language it was written in (not the reader's).</summary>
public sealed record BulletinText(
    string Name,
    string IssueNumber,
    string Issuer,
    string IssuedOn,
    string SentToLabel,
    string SentTo,
    string DistributedToLabel,
    string DistributedTo)
{
    /// <summary>The name the Word file is saved under: 工作简报2026年第3期.docx.</summary>
    public string FileStem => Name + IssueNumber;

    public static BulletinText Of(Bulletin bulletin, IStringLocalizer<SharedResource> localizer)
    {
        var (ui, current) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo(bulletin.Culture);
        try
        {
            var chinese = bulletin.Culture.StartsWith("zh", StringComparison.Ordinal);
            var separator = localizer["Bulletin.RecipientSeparator"].Value;
            string Line(RecipientLine line) => string.Join(separator, bulletin.On(line).Select(r => r.DisplayName(chinese)));
            return new BulletinText(
                bulletin.Name,
                localizer["Bulletin.IssueNumber", bulletin.Year, bulletin.Number],
                chinese ? bulletin.Issuer : bulletin.IssuerEn,
                localizer["Bulletin.Date", bulletin.IssuedOn.Year, bulletin.IssuedOn.Month, bulletin.IssuedOn.Day],
                localizer["Bulletin.SentTo"],
                Line(RecipientLine.SentTo),
                localizer["Bulletin.DistributedTo"],
                Line(RecipientLine.DistributedTo));
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, current);
        }
    }
}
