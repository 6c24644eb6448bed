namespace Auth.Api.Cli;

/// <summary>What the command line reads and writes, so tests can run the commands with captured streams.</summary>
public sealed class CliConsole(TextReader input, TextWriter output, TextWriter error, bool inputIsTerminal,
    Func<string, string?> environmentVariable)
{
    public TextReader In { get; } = input;
    public TextWriter Out { get; } = output;
    public TextWriter Error { get; } = error;

    /// <summary>True when a person types at the terminal (then the password is read without echo).</summary>
    public bool InputIsTerminal { get; } = inputIsTerminal;

    public string? EnvironmentVariable(string name) => environmentVariable(name);

    public static CliConsole System => new(Console.In, Console.Out, Console.Error, !Console.IsInputRedirected,
        global::System.Environment.GetEnvironmentVariable);

    /// <summary>A line typed at the terminal without echoing it; a piped line as it is.</summary>
    public string? ReadSecretLine(string prompt)
    {
        if (!InputIsTerminal)
            return In.ReadLine();
        Error.Write(prompt);
        var typed = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace) { if (typed.Length > 0) typed.Length--; continue; }
            if (!char.IsControl(key.KeyChar)) typed.Append(key.KeyChar);
        }
        Error.WriteLine();
        return typed.ToString();
    }
}
