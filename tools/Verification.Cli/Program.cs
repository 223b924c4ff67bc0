Console.WriteLine("verification");
