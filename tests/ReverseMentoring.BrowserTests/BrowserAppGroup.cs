namespace ReverseMentoring.BrowserTests;

[CollectionDefinition(Name)]
public sealed class BrowserAppGroup : ICollectionFixture<BrowserApp>
{
    public const string Name = "Browser app";
}
