using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace Disputes.Web.Features.Account;

/// <summary>
/// Puts the client's address on the signed-in principal of each request, never in the cookie: an open page's circuit
/// takes its principal from the request that opened it, so what the user does there is audited with where they are
/// (等保 2.0 8.1.4.3), as a form post or a hub call is.
/// </summary>
public sealed class ClientAddressClaim(IHttpContextAccessor accessor) : IClaimsTransformation
{
    public const string Type = "disputes:client_address";

    public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true || principal.HasClaim(c => c.Type == Type)
            || accessor.HttpContext is not { } context || ClientAddress.Of(context) is not { } address)
        {
            return Task.FromResult(principal);
        }

        // A copy: the principal the handler returned may be cached by it and reused for another request.
        var copy = principal.Clone();
        ((ClaimsIdentity)copy.Identity!).AddClaim(new Claim(Type, address));
        return Task.FromResult(copy);
    }
}
