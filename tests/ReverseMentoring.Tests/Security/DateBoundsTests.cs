using System.Reflection;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace ReverseMentoring.Tests.Security;

/// <summary>
/// Every date any request takes, found from the app's request types, is refused next to its field when it is outside
/// the years the app supports (2000 to 2100), and accepted inside them. Whatever page or job sends the request, a date
/// such as 9999-12-31 or 0001-01-01 never reaches a handler, where adding a day or a time zone's offset would overflow.
/// </summary>
public sealed class DateBoundsTests(AppFactory app) : IClassFixture<AppFactory>
{
    /// <summary>Each request type with a public date property, and the property.</summary>
    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var type in RequestTypes())
        {
            foreach (var property in DateProperties(type))
            {
                cases.Add(type.FullName!, property.Name);
            }
        }

        return cases;
    }

    [Fact]
    public void The_requests_that_take_dates_are_found()
    {
        var found = RequestTypes().Where(t => DateProperties(t).Any()).Select(t => t.Name == "Query" || t.Name == "Command" ? t.DeclaringType!.Name : t.Name).ToList();

        // The program forms, session planning, the dashboard's and the audit log's filters at least.
        Assert.Superset(new HashSet<string> { "CreateProgram", "EditProgram", "ScheduleSession", "RescheduleSession", "UptakeDashboard", "SearchAudit" }, found.ToHashSet());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_date_outside_2000_to_2100_is_refused_next_to_its_field(string typeName, string propertyName)
    {
        var type = typeof(Program).Assembly.GetType(typeName)!;
        var property = type.GetProperty(propertyName)!;

        foreach (var (day, refused) in new[] { (new DateOnly(9999, 12, 31), true), (new DateOnly(1, 1, 1), true), (new DateOnly(1999, 12, 31), true), (new DateOnly(2101, 1, 1), true), (new DateOnly(2000, 1, 1), false), (new DateOnly(2100, 12, 31), false) })
        {
            var failures = await FailuresAsync(type, property, day);
            var onTheField = failures.Where(f => f.PropertyName == propertyName && f.ErrorMessage.Contains("2000", StringComparison.Ordinal) && f.ErrorMessage.Contains("2100", StringComparison.Ordinal)).ToList();
            Assert.True(refused == (onTheField.Count > 0),
                $"{type.DeclaringType?.Name}.{type.Name}.{propertyName} = {day:yyyy-MM-dd}: {(refused ? "accepted" : "refused")}; failures: {string.Join("; ", failures.Select(f => $"{f.PropertyName}: {f.ErrorMessage}"))}");
        }
    }

    private async Task<List<FluentValidation.Results.ValidationFailure>> FailuresAsync(Type type, PropertyInfo property, DateOnly day)
    {
        var request = Activator.CreateInstance(type)!;
        property.SetValue(request, day);
        return await app.RunAsAsync(null, async services =>
        {
            var failures = new List<FluentValidation.Results.ValidationFailure>();
            foreach (var validator in services.GetServices(typeof(IValidator<>).MakeGenericType(type)).Cast<IValidator>())
            {
                var context = (IValidationContext)Activator.CreateInstance(typeof(ValidationContext<>).MakeGenericType(type), request)!;
                failures.AddRange((await validator.ValidateAsync(context)).Errors);
            }

            return failures;
        });
    }

    private static IEnumerable<Type> RequestTypes() =>
        typeof(Program).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.GetConstructor(Type.EmptyTypes) is not null)
            .Where(t => t.GetInterfaces().Any(i => i.Namespace == "Mediator" && (i.Name.StartsWith("ICommand", StringComparison.Ordinal) || i.Name.StartsWith("IQuery", StringComparison.Ordinal))));

    private static IEnumerable<PropertyInfo> DateProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.SetMethod!.IsPublic && (p.PropertyType == typeof(DateOnly) || p.PropertyType == typeof(DateOnly?)));
}
