"""Use cases a person performs; each public function is one transaction on the store."""
