using Disputes.Domain.Organisations;
using Microsoft.AspNetCore.Identity;

namespace Disputes.Data;

/// <summary>A person who signs in. Belongs to exactly one organisation, which decides what they see.</summary>
public sealed class AppUser : IdentityUser
{
    public const int DisplayNameMaxLength = 50;

    public string DisplayName { get; set; } = string.Empty;

    public int OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    /// <summary>A disabled account cannot sign in, and its open sessions end at the next security-stamp check.</summary>
    public bool IsActive { get; set; } = true;

    /// <summary>Set when the security administrator creates the account or resets its password: nothing opens until the user picks their own.</summary>
    public bool MustChangePassword { get; set; }
}
