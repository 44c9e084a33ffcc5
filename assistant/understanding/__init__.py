"""Understanding an employee's message: the shared `TurnUpdate` contract and the offline parser."""
