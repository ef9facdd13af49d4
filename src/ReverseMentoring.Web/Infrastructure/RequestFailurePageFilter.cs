using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ReverseMentoring.Web.Infrastructure;

/// <summary>
/// Turns the application layer's failures into page results: validation failures become ModelState errors next to
/// the fields and the page is shown again with 400; refusals become 401/403; missing records 404.
/// </summary>
public sealed class RequestFailurePageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);

        // Input that could not even be bound (a date that is not a date) never reaches a handler.
        if (!HttpMethods.IsGet(context.HttpContext.Request.Method) && !context.ModelState.IsValid)
        {
            context.Result = new PageResult { StatusCode = StatusCodes.Status400BadRequest };
            return;
        }

        var executed = await next();
        switch (executed.Exception)
        {
            case RequestValidationException invalid:
                var prefix = BoundPropertyHolding(context.HandlerInstance, invalid.Request);
                foreach (var failure in invalid.Failures)
                {
                    var key = string.IsNullOrEmpty(failure.PropertyName) ? "" : Join(prefix, failure.PropertyName);
                    executed.ModelState.AddModelError(key, failure.ErrorMessage);
                }

                executed.Result = new PageResult { StatusCode = StatusCodes.Status400BadRequest };
                executed.ExceptionHandled = true;
                break;
            case RequestAuthorizationException refused:
                executed.Result = refused.SignedIn ? new ForbidResult() : new ChallengeResult();
                executed.ExceptionHandled = true;
                break;
            case NotFoundException:
                executed.Result = new NotFoundResult();
                executed.ExceptionHandled = true;
                break;
        }
    }

    /// <summary>The name of the page property that holds the failed request, so "Email" becomes "Data.Email".</summary>
    private static string? BoundPropertyHolding(object page, object request)
    {
        foreach (var property in page.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length == 0 && property.CanRead && ReferenceEquals(property.GetValue(page), request))
            {
                return property.Name;
            }
        }

        return null;
    }

    private static string Join(string? prefix, string property) => string.IsNullOrEmpty(prefix) ? property : $"{prefix}.{property}";
}
