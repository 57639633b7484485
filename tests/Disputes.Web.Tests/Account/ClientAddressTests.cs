using System.Net;
using Disputes.Web.Features.Account;
using Microsoft.AspNetCore.Http;

namespace Disputes.Web.Tests.Account;

public sealed class ClientAddressTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    public void An_ipv6_client_is_limited_by_its_64_network_and_recorded_by_its_address(string remote, string recorded, string network)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(remote);

        Assert.Equal(recorded, ClientAddress.Of(context));
        Assert.Equal(network, ClientAddress.NetworkOf(context));
    }

    [Fact]
    public void A_request_without_an_address_is_counted_as_unknown()
    {
        var context = new DefaultHttpContext();

        Assert.Null(ClientAddress.Of(context));
        Assert.Equal(ClientAddress.Unknown, ClientAddress.NetworkOf(context));
    }
}
