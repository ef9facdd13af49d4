using System.Net;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Features.Coordinator;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Coordinator;

/// <summary>The coordinator's choice of e-mail alerts: a form of HR's only, that takes one of the choices shown.</summary>
public sealed class ChooseAlertsTests(AppFactory app) : IClassFixture<AppFactory>
{
    private Task<AlertDelivery> SavedAsync(Person person) =>
        app.ExecuteDbContextAsync(db => db.Users.Where(u => u.Id == person.Id).Select(u => u.CoordinatorAlerts).SingleAsync());

    [Fact]
    public async Task A_coordinator_starts_on_the_digest_and_chooses_another_from_the_home_page()
    {
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        var client = await app.SignedInClientAsync(hr.User);
        Assert.Contains("href=\"/Coordinator/Alerts\"", await client.GetHtmlAsync("/Coordinator"), StringComparison.Ordinal);
        Assert.Contains("id=\"delivery-Digest\" value=\"Digest\" checked=\"checked\"", await client.GetHtmlAsync("/Coordinator/Alerts"), StringComparison.Ordinal);

        var response = await client.PostFormAsync("/Coordinator/Alerts", new() { ["Data.Delivery"] = "AtOnce" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(AlertDelivery.AtOnce, await SavedAsync(hr));
        var html = await client.GetHtmlAsync("/Coordinator/Alerts");
        Assert.Contains("id=\"delivery-AtOnce\" value=\"AtOnce\" checked=\"checked\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"alerts-saved\"", html, StringComparison.Ordinal);

        await client.PostFormAsync("/Coordinator/Alerts", new() { ["Data.Delivery"] = "None" });
        Assert.Equal(AlertDelivery.None, await SavedAsync(hr));
    }

    [Fact]
    public async Task No_choice_or_one_not_shown_is_refused_next_to_the_field_and_nothing_changes()
    {
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        var client = await app.SignedInClientAsync(hr.User);

        var missing = await client.PostFormAsync("/Coordinator/Alerts", []);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("Choose how you want to hear about things that need you.",
            HttpClientForms.FieldError(await missing.Content.ReadAsStringAsync(), "Data.Delivery"));

        var tampered = await client.PostFormAsync("/Coordinator/Alerts", new() { ["Data.Delivery"] = "Hourly" });
        Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
        Assert.StartsWith("The value 'Hourly' is not valid", HttpClientForms.FieldError(await tampered.Content.ReadAsStringAsync(), "Data.Delivery"), StringComparison.Ordinal);

        Assert.Equal("Choose one of the options shown.",
            await TestData.RefusalAsync(() => app.SendAsync(new ChooseAlerts.Command { Delivery = (AlertDelivery)9 }, hr.As), "Delivery"));
        Assert.Equal(AlertDelivery.Digest, await SavedAsync(hr));
    }

    [Theory]
    [InlineData(Roles.Mentor)]
    [InlineData(Roles.Mentee)]
    [InlineData(Roles.Leadership)]
    public async Task Only_hr_may_open_or_send_the_choice(string role)
    {
        var person = await app.PersonAsync(role);
        var client = await app.SignedInClientAsync(person.User);

        var page = await client.GetAsync(new Uri("/Coordinator/Alerts", UriKind.Relative));
        Assert.True(page.StatusCode == HttpStatusCode.Forbidden
            || (page.StatusCode == HttpStatusCode.Redirect && page.Headers.Location!.OriginalString.Contains("/Account/AccessDenied", StringComparison.Ordinal)),
            $"{role} got {page.StatusCode} {page.Headers.Location}");
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new ChooseAlerts.Command { Delivery = AlertDelivery.AtOnce }, person.As));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new ChooseAlerts.Query(), person.As));
        Assert.Equal(AlertDelivery.Digest, await SavedAsync(person));
    }
}
